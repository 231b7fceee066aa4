# One image for every ruraledu command (streams, gateway, simulate, submit, token, alerts).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
# Volumes mounted below /var/lib/ruraledu take these directories' owner, so they must exist here.
RUN useradd --system --home /var/lib/ruraledu ruraledu \
    && mkdir -p /var/lib/ruraledu/streams /var/lib/ruraledu/tokens \
    && chown -R ruraledu /var/lib/ruraledu
COPY --from=build /src/launcher/target/ruraledu.jar /opt/ruraledu/ruraledu.jar
USER ruraledu
WORKDIR /var/lib/ruraledu
# JVM options: JAVA_TOOL_OPTIONS (RURALEDU_JAVA_OPTS applies to the ./ruraledu script only).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/ruraledu/ruraledu.jar"]
CMD ["--help"]
