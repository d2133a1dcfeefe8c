package org.geoetl.config;

import com.fasterxml.jackson.core.StreamReadConstraints;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bounds on what the application's JSON parser accepts (request bodies, job parameters): nesting
 * depth and string length (geoetl.security.limits). A body of 10,000 nested arrays fails as a
 * malformed body (400) instead of exhausting the stack.
 */
@Configuration(proxyBeanMethods = false)
public class JsonLimitsConfiguration {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer jsonLimits(GeoEtlProperties properties) {
        var limits = properties.security().limits();
        return builder -> builder.postConfigurer(mapper -> mapper.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(limits.jsonDepth())
                        .maxStringLength(limits.jsonString()).build()));
    }
}
