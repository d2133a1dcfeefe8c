package org.geoetl.curated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

/** geoetl.curated as application.yaml and the environment bind it, without a Spring context. */
class CuratedPropertiesTest {

    private static CuratedProperties bind(Map<String, Object> environment) throws IOException {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new MapPropertySource("env", environment));
        for (PropertySource<?> s : new YamlPropertySourceLoader().load("default", new ClassPathResource("application.yaml"))) {
            sources.addLast(s);
        }
        Binder binder = new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources));
        return binder.bindOrCreate("geoetl.curated", CuratedProperties.class);
    }

    @Test
    void defaultsApplyWhenNothingIsSet() throws IOException {
        CuratedProperties p = bind(Map.of());
        assertThat(p.ibat().baseUrl()).isEqualTo("https://api.ibat-alliance.org/v1");
        assertThat(p.acled().baseUrl()).isEqualTo("https://acleddata.com");
        assertThat(p.acled().pageSize()).isEqualTo(5000);
        assertThat(p.maxDownload()).isEqualTo(DataSize.ofGigabytes(8));
        assertThat(p.retry().maxAttempts()).isEqualTo(5);
        assertThat(p.retry().baseDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.retry().maxDelay()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void environmentOverridesTheBaseUrls() throws IOException {
        CuratedProperties p = bind(Map.of("GEOETL_IBAT_URL", "http://127.0.0.1:8089/v1/", "GEOETL_ACLED_URL", "http://127.0.0.1:8090",
                "geoetl.curated.acled.page-size", "100", "geoetl.curated.max-download", "16MB"));
        assertThat(p.ibat().baseUri().toString()).as("trailing slash dropped").isEqualTo("http://127.0.0.1:8089/v1");
        assertThat(p.acled().baseUrl()).isEqualTo("http://127.0.0.1:8090");
        assertThat(p.acled().pageSize()).isEqualTo(100);
        assertThat(p.maxDownload()).isEqualTo(DataSize.ofMegabytes(16));
    }

    @Test
    void outOfRangeOrUnsafeValuesAreRefused() {
        assertThatThrownBy(() -> bind(Map.of("geoetl.curated.acled.page-size", "5001"))).isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("page-size");
        assertThatThrownBy(() -> bind(Map.of("GEOETL_IBAT_URL", "file:///etc/passwd"))).isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("ibat.base-url");
        assertThatThrownBy(() -> new CuratedProperties.Acled("https://user:pw@acleddata.com", 10))
                .hasMessageContaining("no credentials");
        assertThatThrownBy(() -> new CuratedProperties.Retry(3, Duration.ofSeconds(10), Duration.ofSeconds(1)))
                .hasMessageContaining("base-delay <= max-delay");
    }
}
