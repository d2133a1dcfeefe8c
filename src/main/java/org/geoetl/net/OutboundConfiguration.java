package org.geoetl.net;

import org.geoetl.config.GeoEtlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The outbound policy as a bean of its own: {@code geoetl.outbound}, bound and validated with the rest. */
@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {

    @Bean
    OutboundProperties outboundProperties(GeoEtlProperties properties) {
        return properties.outbound();
    }
}
