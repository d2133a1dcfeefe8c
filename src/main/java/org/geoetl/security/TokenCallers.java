package org.geoetl.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Turns a validated token into a caller: the name from the first present principal claim (user
 * name for people, the client/app id for managed identities), the roles from the roles claim.
 * Role values the service does not know are ignored; a token without roles may call nothing but
 * the open probes.
 */
public class TokenCallers implements Converter<Jwt, AbstractAuthenticationToken> {

    private final SecurityProperties.Oidc oidc;

    public TokenCallers(SecurityProperties.Oidc oidc) {
        this.oidc = oidc;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        return caller(jwt).authentication();
    }

    Caller caller(Jwt jwt) {
        String name = null;
        for (String claim : oidc.principalClaims()) {
            Object v = jwt.getClaims().get(claim);
            if (v instanceof String s && !s.isBlank()) {
                name = s;
                break;
            }
        }
        if (name == null) {
            name = "token:" + jwt.getSubject();
        }
        return new Caller(name, Caller.Kind.TOKEN, Role.effective(roles(jwt.getClaims().get(oidc.rolesClaim()))), null);
    }

    private Set<Role> roles(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof Collection<?> c) {
            c.forEach(v -> values.add(String.valueOf(v)));
        } else if (claim instanceof String s) {
            values.addAll(List.of(s.split("[ ,]+")));
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        String prefix = oidc.rolePrefix() == null ? "" : oidc.rolePrefix();
        for (String v : values) {
            // strict: the configured prefix exactly, then a role id in any case (GeoEtl.Approver);
            // without a prefix, only the exact lower-case ids (so "Admin" of some other scheme is no admin)
            if (prefix.isEmpty()) {
                Role.ofId(v).filter(r -> r.id().equals(v)).ifPresent(roles::add);
            } else if (v.startsWith(prefix)) {
                Role.ofId(v.substring(prefix.length())).ifPresent(roles::add);
            }
        }
        return roles;
    }
}
