package org.geoetl.config;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The platform MBeanServer for Spring's exporter (the operator MBean) — where Camel, Artemis and
 * Jolokia look. Left to itself Spring takes the first MBeanServer any library created, and Jolokia
 * creates a private one of its own.
 */
@Configuration(proxyBeanMethods = false)
public class JmxConfiguration {

    @Bean
    MBeanServer mbeanServer() {
        return ManagementFactory.getPlatformMBeanServer();
    }
}
