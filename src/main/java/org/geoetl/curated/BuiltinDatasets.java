package org.geoetl.curated;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The five datasets every installation knows, registered on first start (and never overwritten:
 * an operator's changes to schedule or flags stay): WDPA and KBA from IBAT, ACLED conflict events,
 * Natural Earth countries and provinces.
 */
@Component
public class BuiltinDatasets implements org.geoetl.database.AppDatabaseSeed {

    private static final Logger log = LoggerFactory.getLogger(BuiltinDatasets.class);

    private final CuratedDatasetRepository registry;
    private final ObjectMapper mapper;
    private final Clock clock;

    public BuiltinDatasets(CuratedDatasetRepository registry, ObjectMapper mapper, Clock clock) {
        this.registry = registry;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public String seedName() {
        return "built-in curated datasets";
    }

    @Override
    public void seed() {
        register();
    }

    /** Before the web server takes requests, like the schema itself. */
    @jakarta.annotation.PostConstruct
    void register() {
        int added = 0;
        for (CuratedDataset d : all()) {
            added += registry.insert(d) ? 1 : 0;
        }
        if (added > 0) {
            log.info("registered {} built-in curated dataset(s)", added);
        }
    }

    List<CuratedDataset> all() {
        return List.of(
                entry("wdpa", "World Database on Protected Areas", "Protected areas (IUCN categories), via IBAT; quarterly",
                        SourceKind.IBAT_WDPA, source("dataset_name", "wdpa"), "curated_wdpa_protected_areas", "full_replace",
                        null, "0 0 3 1 1,4,7,10 ?", style("iucn_cat", "Ia", "#1a5e1a", "Ib", "#2e7d32", "II", "#43a047",
                                "III", "#66bb6a", "IV", "#9ccc65", "V", "#c5e1a5", "VI", "#e6ee9c")),
                entry("kba", "Key Biodiversity Areas", "Sites contributing to the persistence of biodiversity, via IBAT",
                        SourceKind.IBAT_KBA, source("dataset_name", "kba"), "curated_kbas", "full_replace", null,
                        "0 30 3 1 1,4,7,10 ?", style("kba_status", "confirmed", "#6a1b9a", "proposed", "#ba68c8")),
                entry("acled", "ACLED conflict events", "Armed conflict and protest events; incremental, twice a week",
                        SourceKind.ACLED, mapper.createObjectNode(), "curated_acled_events", "upsert", "event_id_cnty",
                        "0 0 4 ? * MON,THU", style("event_type", "Battles", "#c62828", "Explosions/Remote violence", "#ef6c00",
                                "Violence against civilians", "#6d4c41", "Protests", "#1565c0", "Riots", "#f9a825",
                                "Strategic developments", "#546e7a")),
                entry("admin0", "Natural Earth countries", "Admin-0 countries, 1:10m (v4.1.0, generalised)",
                        SourceKind.NATURAL_EARTH_ADMIN0, source("layer", "countries"), "curated_admin0", "full_replace",
                        null, null, mapper.createObjectNode()),
                entry("admin1", "Natural Earth provinces", "Admin-1 states and provinces, 1:10m (v4.1.0, generalised)",
                        SourceKind.NATURAL_EARTH_ADMIN1, source("layer", "states_provinces"), "curated_admin1",
                        "full_replace", null, null, mapper.createObjectNode()));
    }

    private CuratedDataset entry(String id, String name, String description, SourceKind kind, ObjectNode source,
                                 String table, String strategy, String key, String schedule, ObjectNode style) {
        var now = clock.instant();
        return new CuratedDataset(id, name, description, kind, source, "geo", table, strategy, key, schedule, true, false,
                style, true, "system", now, now, null, null, null, null);
    }

    private ObjectNode source(String key, String value) {
        return mapper.createObjectNode().put(key, value);
    }

    /** {"attribute": a, "colours": {value: colour …}}. */
    private ObjectNode style(String attribute, String... pairs) {
        ObjectNode s = mapper.createObjectNode().put("attribute", attribute);
        ObjectNode colours = s.putObject("colours");
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            colours.put(pairs[i], pairs[i + 1]);
        }
        return s;
    }
}
