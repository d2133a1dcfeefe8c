package org.geoetl.catalog.metadata;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One output of a job: a loaded table ({@code kind = table}) or a COG's STAC item ({@code kind = cog}).
 * The dashboard's map preview draws the table's features or the item's footprint.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JobOutput(String kind, String schema, String table, String geometryType, Long featureCount,
                        String collection, String item, Integer width, Integer height) {

    static JobOutput table(String schema, String table, String geometryType, long features) {
        return new JobOutput("table", schema, table, geometryType, features, null, null, null, null);
    }

    static JobOutput cog(String collection, String item, int width, int height) {
        return new JobOutput("cog", null, null, null, null, collection, item, width, height);
    }
}
