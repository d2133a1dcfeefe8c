package org.geoetl.engine.handler;

/** Which worker pool runs a task type: heavy (GDAL, bulk SQL) or light (DB, inventory, STAC). */
public enum QueueClass {
    HEAVY, LIGHT;

    public String wireName() {
        return name().toLowerCase();
    }
}
