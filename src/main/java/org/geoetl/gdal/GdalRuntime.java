package org.geoetl.gdal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gdal.gdal.gdal;
import org.gdal.ogr.ogr;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Loads GDAL through its Java bindings (libgdalalljni.so, built by scripts/setup.sh) once, with the
 * hardened configuration applied before any driver registers: no plugin loading, no network-backed
 * or file-reopening drivers, no sibling-file probing. When the native library is missing the
 * service still starts; {@link #status()} says why GDAL is unavailable.
 */
@Component
public class GdalRuntime {

    private static final Logger log = LoggerFactory.getLogger(GdalRuntime.class);

    /** Drivers that fetch from the network or re-open other files (see docs/security.md). */
    static final String SKIPPED_DRIVERS = "VRT OGR_VRT WMS WMTS WCS WFS OAPIF OGCAPI PDF PCIDSK KMLSUPEROVERLAY"
            + " MBTiles STACIT STACTA netCDF HDF4 HDF4Image HDF5 HDF5Image EEDA EEDAI PLScenes Rasterlite"
            + " RPFTOC RS2 ESRIC DAAS NGW Elasticsearch Carto AmigoCloud HTTP"
            // network through libraries other than curl (libpq, ODBC, MySQL, OGDI), prefixed names
            // that fetch (GMLAS:, CSW:), a sub-process (GPSBabel) and Xerces DTD fetches (NAS)
            + " GMLAS CSW PLMOSAIC PostgreSQL PostGISRaster MySQL ODBC PGeo MSSQLSpatial OGR_OGDI GPSBabel NAS";

    /**
     * A proxy with a scheme libcurl refuses: every request GDAL makes through curl (a GeoJSON crs
     * link, /vsicurl/, /vsis3/ metadata probes, DTDs) stops before any DNS lookup or connection.
     */
    static final String NO_NETWORK_PROXY = "blocked://127.0.0.1:9";

    static final Map<String, String> HARDENING = Map.ofEntries(
            Map.entry("GDAL_SKIP", SKIPPED_DRIVERS),
            Map.entry("GDAL_DRIVER_PATH", "disable"),
            Map.entry("GDAL_VRT_ENABLE_PYTHON", "NO"),
            Map.entry("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR"),
            Map.entry("GDAL_PAM_ENABLED", "NO"),
            Map.entry("GML_DOWNLOAD_WFS_SCHEMA", "NO"),
            Map.entry("GDAL_HTTP_NETRC", "NO"),
            Map.entry("GDAL_HTTP_TIMEOUT", "1"),
            Map.entry("GDAL_HTTP_MAX_RETRY", "0"),
            Map.entry("GDAL_HTTP_PROXY", NO_NETWORK_PROXY),
            // when set (also from the environment) GDAL uses it for https:// instead of the above
            Map.entry("GDAL_HTTPS_PROXY", NO_NETWORK_PROXY),
            // a SQLite file's VirtualOGR table can open URLs, PG: connections and other local files
            Map.entry("OGR_SQLITE_STATIC_VIRTUAL_OGR", "NO"),
            Map.entry("OGR_SQLITE_LIST_VIRTUAL_OGR", "NO"));

    private volatile Map<String, Object> status;

    /**
     * Loaded (and hardened) when the bean is created, not on first use: a task that runs first in a
     * fresh process — a tile of a job resumed after a crash — must find the drivers registered and
     * the hardening options set, whichever handler it is.
     */
    @jakarta.annotation.PostConstruct
    void load() {
        status();
    }

    /** Throws when the JNI library is not loadable, with what to do about it. */
    public void require() {
        if (!available()) {
            throw new GdalException("GDAL is not available: " + status().get("error"));
        }
    }

    public synchronized Map<String, Object> status() {
        if (status == null) {
            status = initialise();
        }
        return status;
    }

    static String proxyBypass() {
        for (String name : new String[] {"no_proxy", "NO_PROXY"}) {
            String v = System.getenv(name);
            if (v != null && !v.isBlank()) {
                return name;
            }
        }
        return null;
    }

    public boolean available() {
        return Boolean.TRUE.equals(status().get("available"));
    }

    private static Map<String, Object> initialise() {
        Map<String, Object> s = new LinkedHashMap<>();
        String bypass = proxyBypass();
        if (bypass != null) {
            // curl honours no_proxy whatever GDAL is told, so the proxy block would not hold
            s.put("available", false);
            s.put("error", "the environment sets " + bypass + ", which would let GDAL reach the network from"
                    + " inside a file; unset it for the GeoETL service");
            log.error("GDAL disabled: {} is set in the environment", bypass);
            return Map.copyOf(s);
        }
        try {
            HARDENING.forEach(gdal::SetConfigOption);
            org.gdal.osr.osr.SetPROJEnableNetwork(false);
            HARDENING.forEach((k, v) -> {
                if (!v.equals(gdal.GetConfigOption(k))) {
                    throw new IllegalStateException("GDAL option " + k + " did not take");
                }
            });
            if (org.gdal.osr.osr.GetPROJEnableNetwork()) {
                throw new IllegalStateException("PROJ network access could not be disabled");
            }
            gdal.AllRegister();
            ogr.RegisterAll();
            gdal.UseExceptions();
            s.put("available", true);
            s.put("version", gdal.VersionInfo("RELEASE_NAME"));
            s.put("drivers", gdal.GetDriverCount());
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            s.put("available", false);
            s.put("error", "GDAL JNI library not loadable (" + e.getMessage()
                    + "); run `make setup` and start the JVM with -Djava.library.path=.local/gdal-jni");
            log.warn("GDAL unavailable: {}", e.getMessage());
        }
        return Map.copyOf(s);
    }
}
