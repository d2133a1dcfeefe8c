package org.geoetl.security;

import java.util.List;
import java.util.Set;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Who is calling: the identity recorded as reviewer, uploader, key creator and in the audit log.
 * {@code roles} are the effective roles (inclusions expanded).
 */
public record Caller(String name, Kind kind, Set<Role> roles, String keyId) {

    public enum Kind {
        API_KEY, TOKEN;

        public String id() {
            return this == API_KEY ? "api_key" : "token";
        }
    }

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    List<GrantedAuthority> authorities() {
        return roles.stream().map(r -> (GrantedAuthority) new SimpleGrantedAuthority(r.authority())).toList();
    }

    /** The Spring Security authentication carrying this caller as its principal. */
    public Authentication authentication() {
        return new Authentication(this);
    }

    /** An authenticated caller; the credential itself is never kept. */
    public static final class Authentication extends AbstractAuthenticationToken {
        private final Caller caller;

        Authentication(Caller caller) {
            super(caller.authorities());
            this.caller = caller;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Caller getPrincipal() {
            return caller;
        }

        @Override
        public String getName() {
            return caller.name();
        }
    }
}
