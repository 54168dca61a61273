# The gateway as a container image:
#   docker build -t alation-job-gateway .
#   docker run -p 8080:8080 -e SPRING_DATASOURCE_URL=jdbc:postgresql://db:5432/gateway ... alation-job-gateway
# Every setting comes from environment variables (GATEWAY_POLL_INTERVAL=5s, SPRING_DATASOURCE_URL=...,
# GATEWAY_INSTANCES_PROD_BASE_URL=..., GATEWAY_INSTANCES_PROD_ACCESS_TOKEN=...); see README.md.

# 1. Build the jar with the project's own Maven wrapper, and split it into layers that change at different rates.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /build
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
# Dependencies first: this layer stays cached until pom.xml changes.
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
RUN ./mvnw -B -DskipTests package \
    && java -Djarmode=tools -jar target/alation-job-gateway.jar extract --layers --destination extracted

# 2. Run on the JRE only, from the extracted jar, as a user without privileges.
FROM eclipse-temurin:25-jre AS runtime
WORKDIR /app
RUN groupadd --system gateway && useradd --system --gid gateway --home-dir /app --no-create-home gateway
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
# The heap follows the container's memory limit. Set before the training run, whose JVM options should match.
# SerialGC: below 1,792 MB the JVM picks it by itself, and the training run (on a build host with more memory) should
# use the same GC; G1's own structures cost ~40 MB more. SerialGC's initial heap (1/64 of the limit: 8 MB in 512 MB)
# cannot hold the AOT cache's ~7 MB of archived objects, and the JVM then refuses to start ("Unable to use AOT
# cache"): InitialRAMPercentage=12.5 (64 MB in 512 MB) makes room. 40 % (206 MB) plus the ~300 MB the JVM needs
# besides the heap with the AOT cache stays near the limit (75 % did not). Measured in 512 MB with 100,000 jobs
# running and the API under load: RSS 441 MB (457 MB before), heap 134 MB committed and 59 MB used, GC 1 % of the
# time (bench/memory.sh; bench/RESULTS.md, "Memory in a 512 MB container").
ENV JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -XX:InitialRAMPercentage=12.5 -XX:MaxRAMPercentage=40"
# A training run fills the JDK 25 AOT cache with the classes a start loads, so that every later start is faster.
# It stops once the context is refreshed: the poller never starts, and the in-memory database is thrown away.
RUN java -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar alation-job-gateway.jar \
        --spring.datasource.url=jdbc:h2:mem:training --spring.main.banner-mode=off \
    && rm -rf /app/data
USER gateway
EXPOSE 8080
# The image has no curl or wget: bash asks the readiness group itself. Not liveness: a database that is away
# should take the replica out of service, not get it restarted over and over.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT:-8080} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200'"]
ENTRYPOINT ["java", "-XX:AOTCache=app.aot", "-jar", "alation-job-gateway.jar"]
