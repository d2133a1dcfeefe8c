package org.geoetl.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * The token decoder for the configured identity provider: signature from its key set, issuer,
 * audience and validity times checked. The provider is contacted on the first token, not at start,
 * so the service starts while the provider is unreachable. Without a provider every token is
 * refused (API keys still work).
 */
final class TokenDecoders {

    private TokenDecoders() {
    }

    static JwtDecoder of(SecurityProperties.Oidc oidc) {
        if (!oidc.configured()) {
            return token -> {
                throw new BadJwtException("no identity provider is configured");
            };
        }
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = blank(oidc.jwkSetUri())
                    ? (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(oidc.issuerUri())
                    : NimbusJwtDecoder.withJwkSetUri(oidc.jwkSetUri()).build();
            decoder.setJwtValidator(validator(oidc));
            return decoder;
        });
    }

    static OAuth2TokenValidator<Jwt> validator(SecurityProperties.Oidc oidc) {
        List<OAuth2TokenValidator<Jwt>> checks = new ArrayList<>();
        // both are required by SecurityProperties.Oidc: issuer and audience are always checked
        checks.add(JwtValidators.createDefaultWithIssuer(oidc.issuerUri()));
        checks.add(new JwtClaimValidator<List<String>>("aud",
                aud -> aud != null && aud.stream().anyMatch(oidc.audiences()::contains)));
        return new DelegatingOAuth2TokenValidator<>(checks);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
