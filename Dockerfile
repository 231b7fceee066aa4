# One image for every ruraledu command (streams, gateway, simulate, submit, token, alerts).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/ruraledu ruraledu && mkdir -p /var/lib/ruraledu && chown ruraledu /var/lib/ruraledu
COPY --from=build /src/launcher/target/ruraledu.jar /opt/ruraledu/ruraledu.jar
USER ruraledu
WORKDIR /var/lib/ruraledu
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/ruraledu/ruraledu.jar"]
CMD ["--help"]
