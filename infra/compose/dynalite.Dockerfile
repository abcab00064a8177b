# dynalite (DynamoDB API on LevelDB) for docker-compose; DynamoDB Local's licence is not open source.
FROM node:20-slim
RUN npm install --global dynalite@4.0.0
EXPOSE 4567
VOLUME /data
CMD ["dynalite", "--host", "0.0.0.0", "--port", "4567", "--path", "/data", "--createTableMs", "0"]
