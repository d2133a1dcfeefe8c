package org.geoetl.curated.source;

import java.time.LocalDate;

/**
 * One ACLED event as the read API gives it (every value arrives as a string there). Typed where a
 * load needs the type; the rest stays text as ACLED spells it. {@code eventIdCnty}, the coordinates
 * and the timestamp are always present: a row without them is rejected and counted, not built.
 *
 * @param eventIdCnty the event's id, unique across countries (the upsert key)
 * @param eventDate   null when the API's date is missing or unparseable
 * @param latitude    WGS 84, in [-90, 90]
 * @param longitude   WGS 84, in [-180, 180]
 * @param fatalities  null when missing or not a number
 * @param timestamp   unix seconds of the row's last change: the incremental cursor
 */
public record AcledEvent(
        String eventIdCnty,
        LocalDate eventDate,
        String year,
        String timePrecision,
        String disorderType,
        String eventType,
        String subEventType,
        String actor1,
        String assocActor1,
        String inter1,
        String actor2,
        String assocActor2,
        String inter2,
        String interaction,
        String civilianTargeting,
        String iso,
        String region,
        String country,
        String admin1,
        String admin2,
        String admin3,
        String location,
        double latitude,
        double longitude,
        String geoPrecision,
        String source,
        String sourceScale,
        String notes,
        Integer fatalities,
        String tags,
        long timestamp) {
}
