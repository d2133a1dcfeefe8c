package org.geoetl;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GeoEtlApplication {
    public static void main(String[] args) {
        SpringApplication.run(GeoEtlApplication.class, args);
    }
}
