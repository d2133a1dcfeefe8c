package org.geoetl.security;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The caller of the request being handled. API routes run on the platform-http executor, which
 * carries the security context over from the servlet thread (see SecurityConfiguration).
 */
@Component("callers")
public class Callers {

    /** The authenticated caller, or empty for an anonymous request (public catalog reads). */
    public Optional<Caller> current() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a != null && a.getPrincipal() instanceof Caller c ? Optional.of(c) : Optional.empty();
    }

    /** The caller's name, for the records that must say who did it; refuses anonymous callers. */
    public String name() {
        return current().map(Caller::name).orElseThrow(() -> new AccessRefusedException(401, "authentication required"));
    }

    public boolean has(Role role) {
        return current().map(c -> c.has(role)).orElse(false);
    }

    /**
     * GET /api/me: who the caller is and its effective roles, so a page shows only the actions the
     * caller may take (the server still checks every call).
     */
    public java.util.Map<String, Object> me() {
        Caller c = current().orElseThrow(() -> new AccessRefusedException(401, "authentication required"));
        return java.util.Map.of("subject", c.name(), "auth", c.kind().id(),
                "roles", c.roles().stream().sorted().map(Role::id).toList());
    }
}
