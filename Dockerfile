# Vigil image for docker-compose.yml. The build stage needs Maven Central.
FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY src src
COPY db db
RUN mvn -B -q package -Dmaven.test.skip=true

FROM eclipse-temurin:17.0.16_8-jre
WORKDIR /vigil
COPY --from=build /src/target/vigil.jar /opt/vigil/vigil.jar
COPY --from=build /src/target/lib /opt/vigil/lib
COPY routes routes
COPY config config
ENTRYPOINT ["java", "-Dvigil.home=/vigil", "-jar", "/opt/vigil/vigil.jar"]
CMD ["run"]
