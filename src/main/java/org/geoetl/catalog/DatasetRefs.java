package org.geoetl.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.NotFoundException;
import org.geoetl.engine.store.JsonColumns;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Links between GeoETL datasets and an external catalog's ids (DDH dataset / resource / version). */
@Component("datasetRefs")
public class DatasetRefs {

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonColumns json;

    public DatasetRefs(NamedParameterJdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Which of these dataset ids of a type have references. */
    public List<String> existing(String dataType, List<String> datasetIds) {
        return datasetIds.isEmpty() ? List.of() : jdbc.queryForList("SELECT dataset_id FROM app.dataset_refs"
                + " WHERE data_type = :type AND dataset_id IN (:ids)", new MapSqlParameterSource("type", dataType)
                .addValue("ids", datasetIds), String.class);
    }

    /** Forgets the references of datasets that were unpublished. */
    public int delete(String dataType, List<String> datasetIds) {
        return datasetIds.isEmpty() ? 0 : jdbc.update("DELETE FROM app.dataset_refs WHERE data_type = :type"
                + " AND dataset_id IN (:ids)", new MapSqlParameterSource("type", dataType).addValue("ids", datasetIds));
    }

    public Map<String, Object> put(String dataType, String datasetId, String body) {
        JsonNode b = json.read(body == null || body.isBlank() ? "{}" : body);
        jdbc.update("""
                INSERT INTO app.dataset_refs (dataset_id, data_type, ddh_dataset_id, ddh_resource_id, ddh_version_id, other_refs)
                VALUES (:id, :type, :d, :r, :v, CAST(:other AS jsonb))
                ON CONFLICT (dataset_id, data_type) DO UPDATE
                   SET ddh_dataset_id = EXCLUDED.ddh_dataset_id, ddh_resource_id = EXCLUDED.ddh_resource_id,
                       ddh_version_id = EXCLUDED.ddh_version_id, other_refs = EXCLUDED.other_refs, updated_at = now()""",
                new MapSqlParameterSource("id", datasetId).addValue("type", dataType)
                        .addValue("d", b.path("ddh_dataset_id").asText(null)).addValue("r", b.path("ddh_resource_id").asText(null))
                        .addValue("v", b.path("ddh_version_id").asText(null))
                        .addValue("other", json.write(b.has("other_refs") ? b.get("other_refs") : Map.of())));
        return find(dataType, datasetId);
    }

    public Map<String, Object> find(String dataType, String datasetId) {
        return jdbc.queryForList("""
                SELECT dataset_id, data_type, ddh_dataset_id, ddh_resource_id, ddh_version_id, other_refs::text AS other_refs,
                       created_at, updated_at FROM app.dataset_refs WHERE dataset_id = :id AND data_type = :type""",
                Map.of("id", datasetId, "type", dataType)).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("no reference for " + dataType + " " + datasetId));
    }

    /** Datasets linked to the given external ids (any of them may be omitted). */
    public Map<String, Object> lookup(String ddhDatasetId, String ddhResourceId, String ddhVersionId) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT dataset_id, data_type, ddh_dataset_id, ddh_resource_id, ddh_version_id FROM app.dataset_refs
                 WHERE (CAST(:d AS text) IS NULL OR ddh_dataset_id = :d)
                   AND (CAST(:r AS text) IS NULL OR ddh_resource_id = :r)
                   AND (CAST(:v AS text) IS NULL OR ddh_version_id = :v)
                 ORDER BY dataset_id LIMIT 500""",
                new MapSqlParameterSource("d", ddhDatasetId).addValue("r", ddhResourceId).addValue("v", ddhVersionId));
        return Map.of("count", rows.size(), "refs", rows);
    }
}
