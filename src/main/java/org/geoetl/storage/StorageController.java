package org.geoetl.storage;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.geoetl.security.AccessRefusedException;
import org.geoetl.security.Callers;
import org.geoetl.security.Role;
import org.geoetl.web.QueryParams;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The storage API: {@code PUT /api/storage/{container}/{name}} stores the request body (streamed
 * straight from the socket into the storage, size-limited), {@code GET} streams it back,
 * {@code HEAD} describes it (ranges, conditional requests: {@link BlobDownloads}), {@code DELETE} removes it, {@code GET /api/storage/{container}} lists ({@code prefix},
 * {@code after}, {@code limit}); {@code ?account=} picks a non-default account.
 *
 * <p>A Spring MVC controller rather than a Camel REST route, deliberately: the Spring Boot
 * platform-http binding hands request bodies to routes as a character Reader read on another
 * thread, which loses binary uploads ("Stream closed"). Blob bytes must never pass through a Reader.
 */
/* only in processes with the api role, like the REST routes (DeploymentEnvironment) */
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "geoetl.roles.api", havingValue = "true",
        matchIfMissing = true)
@RestController
public class StorageController {

    private static final String PREFIX = "/api/storage/";

    private final StorageAccounts accounts;
    private final BlobUploadRepository uploads;
    private final Callers callers;
    private final Clock clock;
    private final BlobDownloads downloads;

    public StorageController(StorageAccounts accounts, BlobUploadRepository uploads, Callers callers, Clock clock,
                             BlobDownloads downloads) {
        this.downloads = downloads;
        this.accounts = accounts;
        this.uploads = uploads;
        this.callers = callers;
        this.clock = clock;
    }

    /**
     * Replacing or deleting a blob someone else uploaded (or that a pipeline wrote) needs the
     * operator role; a submitter manages their own uploads.
     */
    private void requireOwnerOrOperator(Target t, String verb) {
        if (callers.has(Role.OPERATOR) || !t.storage.exists(t.container, t.name)) {
            return;
        }
        String owner = uploads.owner(t.storage.account(), t.container, t.name).orElse(null);
        if (!callers.name().equals(owner)) {
            throw new AccessRefusedException(403, "this blob was not uploaded by you; " + verb
                    + " it needs the operator role");
        }
    }

    @RequestMapping(path = "/api/storage/**", method = RequestMethod.PUT)
    public ResponseEntity<Map<String, Object>> put(HttpServletRequest request,
                                                   @RequestParam(required = false) String account) throws Exception {
        Target t = target(request, account);
        long declared = request.getContentLengthLong();
        if (declared > accounts.maxUpload()) {
            throw new BlobTooLargeException(accounts.maxUpload());
        }
        requireOwnerOrOperator(t, "replacing");
        t.storage.ensureContainer(t.container);
        BlobInfo info;
        try (InputStream body = request.getInputStream()) {
            info = t.storage.put(t.container, t.name, body, accounts.maxUpload(), request.getContentType());
        }
        uploads.record(t.storage.account(), t.container, t.name, callers.name(), clock.instant());
        return ResponseEntity.status(201).body(Map.of("account", t.storage.account(), "blob", info,
                "href", t.storage.href(t.container, t.name)));
    }

    @RequestMapping(path = "/api/storage/**", method = RequestMethod.GET)
    public ResponseEntity<?> get(HttpServletRequest request, HttpServletResponse response,
                                 @RequestParam(required = false) String account,
                                 @RequestParam(required = false) String prefix, @RequestParam(required = false) String after,
                                 @RequestParam(required = false) String limit) throws java.io.IOException {
        Target t = target(request, account);
        if (t.name.isEmpty()) {
            int lim = QueryParams.integer("limit", limit, 1, 1000, 100);
            List<BlobInfo> blobs = t.storage.list(t.container, prefix, after, lim);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("account", t.storage.account());
            out.put("container", t.container);
            out.put("blobs", blobs);
            if (blobs.size() == lim) {
                out.put("next_after", blobs.get(blobs.size() - 1).name());
            }
            return ResponseEntity.ok(out);
        }
        BlobInfo info = t.storage.stat(t.container, t.name).orElseThrow(() -> new BlobNotFoundException(t.container, t.name));
        downloads.serve(t.storage, info, request, response);
        // the response is written: no body for Spring to convert
        return null;
    }

    @RequestMapping(path = "/api/storage/**", method = RequestMethod.DELETE)
    public Map<String, Object> delete(HttpServletRequest request, @RequestParam(required = false) String account) {
        Target t = target(request, account);
        if (t.name.isEmpty()) {
            throw new BlobNotFoundException(t.container, t.name);
        }
        requireOwnerOrOperator(t, "deleting");
        if (!t.storage.delete(t.container, t.name)) {
            throw new BlobNotFoundException(t.container, t.name);
        }
        uploads.forget(t.storage.account(), t.container, t.name);
        return Map.of("deleted", t.container + "/" + t.name);
    }

    private record Target(BlobStorage storage, String container, String name) {
    }

    private Target target(HttpServletRequest request, String account) {
        String uri = request.getRequestURI();
        String path = URLDecoder.decode(uri.substring(uri.indexOf(PREFIX) + PREFIX.length()), StandardCharsets.UTF_8);
        int slash = path.indexOf('/');
        String container = slash < 0 ? path : path.substring(0, slash);
        String name = slash < 0 ? "" : path.substring(slash + 1);
        accounts.allowedContainer(container);
        if (!name.isEmpty()) {
            BlobNames.blob(name);
        }
        return new Target(accounts.get(account), container, name);
    }
}
