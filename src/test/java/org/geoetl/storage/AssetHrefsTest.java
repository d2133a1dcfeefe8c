package org.geoetl.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.geoetl.config.GeoEtlProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** How asset hrefs of Azure blobs are rendered in each mode (signing with an account key needs no network). */
class AssetHrefsTest {

    static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    static final String BLOB = "https://acct.blob.core.windows.net/silver-cogs/cogs/a%20b/dem.tif";

    private static AssetHrefs hrefs(String mode) throws IOException {
        Map<String, Object> env = new HashMap<>();
        env.put("geoetl.public-url", "https://geoetl.example.org/");
        env.put("geoetl.storage.accounts.az.type", "azure");
        env.put("geoetl.storage.accounts.az.connection-string", "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey="
                + KEY + ";EndpointSuffix=core.windows.net");
        env.put("geoetl.storage.asset-hrefs", mode);
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new MapPropertySource("env", env));
        for (PropertySource<?> s : new YamlPropertySourceLoader().load("default", new ClassPathResource("application.yaml"))) {
            sources.addLast(s);
        }
        GeoEtlProperties p = new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources))
                .bindOrCreate("geoetl", GeoEtlProperties.class);
        return new AssetHrefs(new StorageAccounts(p), p, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void blobModeLeavesHrefsAsStored() throws IOException {
        assertThat(hrefs("blob").render(BLOB)).isEqualTo(BLOB);
    }

    @Test
    void proxyModeServesThroughTheStorageApi() throws IOException {
        AssetHrefs proxy = hrefs("proxy");
        assertThat(proxy.render(BLOB)).isEqualTo("https://geoetl.example.org/api/storage/silver-cogs/cogs/a%20b/dem.tif?account=az");
        // hrefs of other hosts, and local storage's, are not touched
        assertThat(proxy.render("https://example.org/x.tif")).isEqualTo("https://example.org/x.tif");
        assertThat(proxy.render("https://acct.blob.core.windows.net/only-a-container")).isEqualTo("https://acct.blob.core.windows.net/only-a-container");
    }

    @Test
    void sasModeSignsAReadOnlyTokenForTheLifetime() throws IOException {
        String signed = hrefs("blob-sas").render(BLOB);
        assertThat(signed).startsWith(BLOB + "?").contains("sp=r", "sig=", "se=2026-01-01T01%3A00%3A00Z", "sr=b");
        // written back by a client, the catalog keeps the plain URL
        assertThat(hrefs("blob-sas").stored(signed)).isEqualTo(BLOB);
        AssetHrefs proxy = hrefs("proxy");
        assertThat(proxy.stored(proxy.render(BLOB))).isEqualTo(BLOB);
        assertThat(proxy.stored("https://example.org/x.tif?a=1")).isEqualTo("https://example.org/x.tif?a=1");
    }
}
