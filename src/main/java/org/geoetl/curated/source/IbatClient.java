package org.geoetl.curated.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.geoetl.curated.CuratedProperties;
import org.geoetl.curated.SourceKind;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.engine.handler.TransientTaskException;
import org.geoetl.net.OutboundDownload;
import org.geoetl.net.OutboundResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * IBAT's data-downloads API (WDPA, KBA): which release is newest, and its archive. IBAT takes its
 * credentials (WDPA_AUTH_KEY, WDPA_AUTH_TOKEN) as query parameters, so the request URL is a secret:
 * it never appears in a message (see {@link RetryingHttp}) and is never logged here.
 */
@Component
public class IbatClient {

    /* dataset_name is also part of the downloaded file's name: a plain token only */
    private static final Pattern DATASET = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    private final RetryingHttp http;
    private final URI baseUrl;
    private final ObjectMapper mapper;
    private final SourceApi api;

    @Autowired
    public IbatClient(RetryingHttp http, CuratedProperties properties, ObjectMapper mapper) {
        this(http, properties.ibat().baseUri(), mapper, System::getenv);
    }

    /** @param env environment lookup for the credentials (System::getenv in production) */
    public IbatClient(RetryingHttp http, URI baseUrl, ObjectMapper mapper, UnaryOperator<String> env) {
        this.http = http;
        this.baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", ""));
        this.mapper = mapper;
        this.api = new SourceApi("IBAT", SourceKind.IBAT_WDPA.credentials(), env);
    }

    /**
     * The newest release of {@code datasetName} ("wdpa", "kba") in the best format offered
     * (GeoPackage, Shapefile, FileGDB, GeoJSON). Its update date is the change signal.
     *
     * @throws PermanentTaskException credentials missing or refused, no loadable format, a non-http(s) link
     * @throws TransientTaskException IBAT unreachable or failing after the retries
     */
    public IbatRelease latest(String datasetName) {
        String dataset = checked(datasetName);
        Map<String, String> credentials = api.credentials();
        URI uri = URI.create(baseUrl + "/data-downloads?dataset_name=" + encode(dataset)
                + "&auth_key=" + encode(credentials.get("WDPA_AUTH_KEY"))
                + "&auth_token=" + encode(credentials.get("WDPA_AUTH_TOKEN")));
        OutboundResponse response = http.get(api, uri, Map.of("Accept", "application/json"));
        return IbatReleases.best(dataset, response.body(), mapper);
    }

    /**
     * Streams the release's archive into {@code dir} as {@code ibat-<dataset>.<zip|tar.gz|gpkg|geojson>},
     * the extension from the file's own first bytes (never a name the server suggests). The link
     * goes through the outbound guard like any request: a refused link fails the task for good.
     *
     * @throws PermanentTaskException larger than {@code maxBytes}, refused link, not an archive type we load
     * @throws TransientTaskException the download kept failing
     */
    public Path download(IbatRelease release, Path dir, long maxBytes) {
        return download(release, dir, maxBytes, bytes -> { });
    }

    /** As above, telling {@code onBytes} the bytes received so far. */
    public Path download(IbatRelease release, Path dir, long maxBytes, java.util.function.LongConsumer onBytes) {
        String dataset = checked(release.datasetName());
        if (release.fileSize() != null && release.fileSize() > maxBytes) {
            throw new PermanentTaskException("IBAT's " + dataset + " download is " + release.fileSize()
                    + " bytes, more than the " + maxBytes + " allowed (geoetl.curated.max-download)");
        }
        Path partial = dir.resolve("ibat-" + dataset + ".download");
        // a pre-signed link needs no credentials of ours, and a link to another host must not get any
        OutboundDownload answer = http.download(api, release.downloadUrl(), Map.of(), partial, maxBytes, onBytes);
        try {
            String extension = ArchiveTypes.extension(partial).orElse(null);
            if (extension == null) {
                Files.deleteIfExists(partial);
                throw new PermanentTaskException("IBAT's " + dataset + " download (" + answer.bytes() + " bytes, content type "
                        + contentType(answer) + ") is not a zip, tar.gz, GeoPackage or GeoJSON file");
            }
            Path target = dir.resolve("ibat-" + dataset + "." + extension);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw new TransientTaskException("cannot store IBAT's " + dataset + " download in the work directory: "
                    + e.getClass().getSimpleName());
        }
    }

    private static String checked(String datasetName) {
        if (datasetName == null || !DATASET.matcher(datasetName).matches()) {
            throw new PermanentTaskException("not an IBAT dataset name: use a lower-case name such as wdpa or kba");
        }
        return datasetName;
    }

    private static String contentType(OutboundDownload answer) {
        return answer.header("content-type").map(t -> t.replaceAll("[^\\w/.+; =-]", "?"))
                .map(t -> t.length() > 60 ? t.substring(0, 60) : t).orElse("none");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
