# syntax=docker/dockerfile:1
# One image recipe for both services. Build from the repository root:
#   docker build --build-arg MODULE=api-service --build-arg PORT=8080 --build-arg MANAGEMENT_PORT=8090 -t velocity-api .
#   docker build --build-arg MODULE=order-worker --build-arg PORT=8081 --build-arg MANAGEMENT_PORT=8091 -t velocity-worker .
# The actuator (probes, metrics) listens on MANAGEMENT_PORT, which no load balancer routes.
ARG MODULE=api-service
ARG PORT=8080
ARG MANAGEMENT_PORT=8090

FROM eclipse-temurin:25-jdk AS build
ARG MODULE
# node/npm: the API's jar holds the web front end, and the local-servers module installs dynalite.
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests -pl ${MODULE} -am package

FROM eclipse-temurin:25-jdk AS layers
ARG MODULE
WORKDIR /layers
COPY --from=build /src/${MODULE}/target/${MODULE}.jar app.jar
# Spring Boot layered jar: dependencies change rarely, so they get their own image layers.
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:25-jre
ARG PORT
ARG MANAGEMENT_PORT
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system velocity && useradd --system --gid velocity --home-dir /app velocity
WORKDIR /app
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
USER velocity
EXPOSE ${PORT}
ENV SERVER_PORT=${PORT} \
    MANAGEMENT_SERVER_PORT=${MANAGEMENT_PORT} \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 --enable-native-access=ALL-UNNAMED" \
    LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS "http://localhost:${MANAGEMENT_SERVER_PORT}/actuator/health/readiness" || exit 1
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
