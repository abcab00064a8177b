import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { useEffect, useState } from 'react';
import { createStore } from './store.js';
import Shop from './Shop.jsx';
import Admin from './Admin.jsx';

const store = createStore();

function App() {
  const [route, setRoute] = useState(window.location.hash);
  useEffect(() => {
    const onHash = () => setRoute(window.location.hash);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const admin = route.startsWith('#/admin');
  return (
    <>
      <header>
        <strong>Velocity</strong>
        <nav>
          <a href="#/" className={admin ? '' : 'active'}>Shop</a>
          <a href="#/admin" className={admin ? 'active' : ''}>Dashboard</a>
        </nav>
      </header>
      <main>{admin ? <Admin /> : <Shop />}</main>
    </>
  );
}

createRoot(document.getElementById('root')).render(
  <Provider store={store}>
    <App />
  </Provider>,
);
