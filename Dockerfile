# The gateway jar (gw serve, gw mock, ...) on a JRE. Used by compose.yaml; the tests do not need it.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -q -B -ntp -DskipTests -pl gateway -am package

FROM eclipse-temurin:17-jre
WORKDIR /gw
COPY --from=build /src/gateway/target/gw.jar /gw/gw.jar
COPY config /gw/config
ENV GW_HOST=0.0.0.0
ENTRYPOINT ["java", "-jar", "/gw/gw.jar"]
CMD ["serve", "--dev", "--config-dir", "/gw/config"]
