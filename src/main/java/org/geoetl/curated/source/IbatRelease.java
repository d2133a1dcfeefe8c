package org.geoetl.curated.source;

import java.net.URI;
import java.util.Objects;

/**
 * The newest IBAT release of a dataset in the format chosen for loading.
 *
 * @param datasetName the IBAT dataset_name, e.g. "wdpa" or "kba"
 * @param format      normalised: "gpkg", "shp", "gdb" or "geojson"
 * @param downloadUrl where the archive is, an http(s) URL (it may be pre-signed: never log it)
 * @param updateDate  the release's update_date as IBAT gives it, e.g. "2026-11-01"; the change signal
 * @param fileSize    the size IBAT announces, in bytes; null when it gives none
 */
public record IbatRelease(String datasetName, String format, URI downloadUrl, String updateDate, Long fileSize) {

    public IbatRelease {
        Objects.requireNonNull(datasetName, "datasetName");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(downloadUrl, "downloadUrl");
    }

    /* A pre-signed link carries its signature in the query: the default toString would print it. */
    @Override
    public String toString() {
        return "IbatRelease[datasetName=" + datasetName + ", format=" + format + ", host=" + downloadUrl.getHost()
                + ", updateDate=" + updateDate + ", fileSize=" + fileSize + "]";
    }
}
