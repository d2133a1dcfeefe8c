package org.geoetl.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** {@code geoetl.security}: who may call, how they prove it, and request limits (docs/security.md). */
public record SecurityProperties(
        /* published STAC items and their collections may be read without credentials; unpublished never */
        @DefaultValue("false") boolean publicCatalog,
        /* a file holding the local admin key (make setup writes it, mode 600); installed at start as key local-admin */
        @DefaultValue(".local/admin.key") String adminKeyFile,
        @Valid @NotNull @DefaultValue Oidc oidc,
        /* browser origins allowed to call the API (CORS); none by default */
        List<String> corsAllowedOrigins,
        /* browser viewers' origins (OpenLayers, STAC Browser) allowed to read data only: GET/HEAD of
           /api/storage/** and /api/stac/**, POST /api/stac/search, with Range and conditional
           headers; none by default */
        List<String> corsViewerOrigins,
        @Valid @NotNull @DefaultValue Limits limits,
        /* four eyes: nobody approves the publication of a job they submitted (admins included) */
        @DefaultValue("true") boolean fourEyes) {

    public SecurityProperties {
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of()
                : corsAllowedOrigins.stream().filter(s -> !s.isBlank()).toList();
        corsViewerOrigins = corsViewerOrigins == null ? List.of()
                : corsViewerOrigins.stream().filter(s -> !s.isBlank()).toList();
        if (corsAllowedOrigins.contains("*") || corsViewerOrigins.contains("*")) {
            // an allow-list, never "any origin": a page anywhere could read what its visitor's key may read
            throw new IllegalArgumentException("geoetl.security CORS origins are an allow-list; '*' is not accepted");
        }
    }

    /** OAuth2 / OIDC bearer tokens (JWT). Set issuer-uri (or jwk-set-uri) to accept tokens. */
    public record Oidc(
            /* e.g. https://login.microsoftonline.com/<tenant>/v2.0; tokens must carry this iss */
            String issuerUri,
            /* where the signing keys are; derived from the issuer's discovery document when blank */
            String jwkSetUri,
            /* accepted aud values (Entra v2: the API's application (client) id); required with an issuer */
            List<String> audiences,
            /* the claim holding the caller's roles (Entra ID app roles: roles) */
            @NotBlank @DefaultValue("roles") String rolesClaim,
            /* stripped from role values before matching, e.g. GeoEtl. for app roles named GeoEtl.Reader */
            @DefaultValue("") String rolePrefix,
            /* the first present claim names the caller; oid (Entra's immutable object id) first, because
               preferred_username can be changed by users and names own tables, uploads and reviews */
            List<String> principalClaims) {

        public Oidc {
            audiences = audiences == null ? List.of() : audiences.stream().filter(s -> !s.isBlank()).toList();
            principalClaims = principalClaims == null || principalClaims.isEmpty()
                    ? List.of("oid", "sub") : List.copyOf(principalClaims);
            // the parameters, not configured(): in a compact constructor the fields are not set yet
            boolean tokens = (issuerUri != null && !issuerUri.isBlank()) || (jwkSetUri != null && !jwkSetUri.isBlank());
            if (tokens && (issuerUri == null || issuerUri.isBlank() || audiences.isEmpty())) {
                // a key set alone would accept tokens of any issuer using it (Entra's keys are shared by
                // all tenants), no audience would accept tokens minted for any other application
                throw new IllegalArgumentException("geoetl.security.oidc needs issuer-uri and at least one"
                        + " audience whenever tokens are accepted");
            }
        }

        public boolean configured() {
            return (issuerUri != null && !issuerUri.isBlank()) || (jwkSetUri != null && !jwkSetUri.isBlank());
        }
    }

    /** Request limits, checked before a body reaches a route. */
    public record Limits(
            /* largest JSON request body, except STAC ingest */
            @NotNull @DefaultValue("1MB") DataSize jsonBody,
            /* largest body of POST /api/stac/collections and …/items */
            @NotNull @DefaultValue("32MB") DataSize stacBody,
            /* deepest JSON nesting accepted (GeoJSON needs about 8) */
            @Min(8) @DefaultValue("64") int jsonDepth,
            /* longest JSON string value accepted */
            @Min(1024) @DefaultValue("1000000") int jsonString) {
    }
}
