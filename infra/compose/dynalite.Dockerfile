# dynalite (DynamoDB API on LevelDB) for docker-compose; DynamoDB Local's licence is not open source.
# Built from local-servers/: the same pinned dynalite, started by the same guard script as `./velocity run`
# (a client hanging up mid-request would otherwise crash it).
FROM node:20-slim
WORKDIR /opt/dynalite
COPY package.json package-lock.json dynalite-server.js ./
RUN npm ci --omit=dev --no-audit --no-fund
EXPOSE 4567
VOLUME /data
CMD ["node", "dynalite-server.js", "--host", "0.0.0.0", "--port", "4567", "--path", "/data", "--createTableMs", "0"]
