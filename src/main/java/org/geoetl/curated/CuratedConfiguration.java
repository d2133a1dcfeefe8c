package org.geoetl.curated;

import org.geoetl.config.GeoEtlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The source settings as a bean of their own: {@code geoetl.curated}, bound and validated with the rest. */
@Configuration(proxyBeanMethods = false)
class CuratedConfiguration {

    @Bean
    CuratedProperties curatedProperties(GeoEtlProperties properties) {
        return properties.curated();
    }
}
