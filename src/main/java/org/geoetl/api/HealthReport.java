package org.geoetl.api;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.gdal.GdalRuntime;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Checks the parts the service depends on: PostgreSQL/PostGIS, the broker (with queue depths), GDAL. */
@Component("healthReport")
public class HealthReport {

    private final JdbcTemplate jdbc;
    private final ObjectProvider<ConnectionFactory> connectionFactory;
    private final org.geoetl.telemetry.state.QueueDepths queueDepths;
    private final GdalRuntime gdal;
    private final GeoEtlProperties properties;
    private final org.geoetl.curated.CuratedDatasets curated;

    public HealthReport(JdbcTemplate jdbc, ObjectProvider<ConnectionFactory> connectionFactory,
                        org.geoetl.telemetry.state.QueueDepths queueDepths, GdalRuntime gdal,
                        GeoEtlProperties properties, org.geoetl.curated.CuratedDatasets curated) {
        this.curated = curated;
        this.jdbc = jdbc;
        this.connectionFactory = connectionFactory;
        this.queueDepths = queueDepths;
        this.gdal = gdal;
        this.properties = properties;
    }

    public Map<String, Object> database() {
        try {
            Map<String, Object> row = jdbc.queryForMap("SELECT version() AS pg, postgis_lib_version() AS postgis");
            return Map.of("status", "up", "postgresql", row.get("pg"), "postgis", row.get("postgis"));
        } catch (RuntimeException e) {
            return Map.of("status", "down", "error", String.valueOf(e.getMessage()));
        }
    }

    public Map<String, Object> broker() {
        Map<String, Object> out = new LinkedHashMap<>();
        ConnectionFactory cf = connectionFactory.getIfAvailable();
        if (cf != null) {
            try (Connection c = cf.createConnection()) {
                out.put("status", "up");
            } catch (Exception e) {
                return Map.of("status", "down", "error", String.valueOf(e.getMessage()));
            }
        } else {
            out.put("status", "external");
        }
        queueDepths.server().ifPresent(server -> {
            out.put("kind", "embedded Artemis " + server.getVersion().getFullVersion());
            out.put("persistence", server.getConfiguration().isPersistenceEnabled());
            out.put("queue_depths", queueDepths.depths());
        });
        return out;
    }

    /** Keys that name versions, hosts or paths: shown to operators only. */
    private static final java.util.Set<String> DETAIL = java.util.Set.of("postgresql", "postgis", "kind", "version",
            "error", "drivers");

    private static Map<String, Object> summary(Map<String, Object> part, boolean detailed) {
        if (detailed) {
            return part;
        }
        Map<String, Object> out = new LinkedHashMap<>(part);
        out.keySet().removeAll(DETAIL);
        return out;
    }

    public Map<String, Object> full(boolean detailed) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> db = summary(database(), detailed);
        Map<String, Object> broker = summary(broker(), detailed);
        Map<String, Object> gdalStatus = summary(gdal.status(), detailed);
        boolean up = "up".equals(db.get("status")) && !"down".equals(broker.get("status"))
                && Boolean.TRUE.equals(gdalStatus.get("available"));
        out.put("status", up ? "healthy" : "unhealthy");
        out.put("database", db);
        out.put("broker", broker);
        out.put("gdal", gdalStatus);
        // optional sources: missing credentials do not make the service unhealthy
        out.put("reference_data", curated.sourceStatus());
        return out;
    }

    public boolean ready() {
        return "up".equals(database().get("status")) && !"down".equals(broker().get("status"));
    }
}
