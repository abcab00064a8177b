import { configureStore } from '@reduxjs/toolkit';
import shop from './shopSlice.js';
import admin from './adminSlice.js';

export const createStore = () => configureStore({ reducer: { shop, admin } });
