package org.geoetl.security;

import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.List;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.error.ErrorResponses;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.task.DelegatingSecurityContextAsyncTaskExecutor;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Two ways in — API keys and OIDC bearer tokens — stateless (no session, no cookie, so no CSRF
 * surface), roles by {@link AccessRules}, JSON errors with ids, CORS only for configured origins.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, GeoEtlProperties properties, ApiKeys keys, ErrorResponses errors,
                            JwtDecoder jwtDecoder, org.geoetl.storage.StorageAccounts accounts) throws Exception {
        SecurityProperties security = properties.security();
        org.springframework.security.web.AuthenticationEntryPoint unauthenticated =
                (req, res, e) -> errors.write(req, res, 401, tokenMessage(req));
        org.springframework.security.web.access.AccessDeniedHandler forbidden =
                (req, res, e) -> errors.write(req, res, 403, denied());
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .anonymous(a -> a.principal("anonymous"))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .cors(c -> c.configurationSource(new ViewerCors(security.corsViewerOrigins(), cors(security.corsAllowedOrigins()))))
                .headers(h -> h.contentTypeOptions(o -> { }).frameOptions(f -> f.deny()))
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys, errors), BearerTokenAuthenticationFilter.class)
                .addFilterBefore(new CallerCaptureFilter(), AuthorizationFilter.class)
                .addFilterAfter(new JolokiaAccessFilter(errors), AuthorizationFilter.class)
                .oauth2ResourceServer(o -> o
                        .bearerTokenResolver(tokensOnly())
                        .jwt(j -> j.decoder(jwtDecoder).jwtAuthenticationConverter(new TokenCallers(security.oidc())))
                        .authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
                .authorizeHttpRequests(a -> {
                    a.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll();
                    AccessRules.apply(a, security.publicCatalog(), accounts::uploadAllowed);
                });
        return http.build();
    }

    private static String denied() {
        return "your role does not allow this request";
    }

    private static String tokenMessage(jakarta.servlet.http.HttpServletRequest request) {
        return request.getHeader("Authorization") == null
                ? "authentication required: send Authorization: Bearer <token or API key>, or X-API-Key"
                : "invalid or expired token";
    }

    /** Bearer values that are API keys are left to {@link ApiKeyAuthenticationFilter}. */
    private static BearerTokenResolver tokensOnly() {
        DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();
        return request -> ApiKeyAuthenticationFilter.presentedKey(request) != null ? null : standard.resolve(request);
    }

    private static UrlBasedCorsConfigurationSource cors(List<String> origins) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!origins.isEmpty()) {
            CorsConfiguration c = new CorsConfiguration();
            c.setAllowedOrigins(origins);
            c.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
            c.setAllowedHeaders(List.of("Authorization", "Content-Type", ApiKeyAuthenticationFilter.HEADER));
            c.setAllowCredentials(false);
            c.setMaxAge(600L);
            source.registerCorsConfiguration("/**", c);
        }
        return source;
    }

    /** Paths the firewall refuses (traversal, encoded separators, control characters) answer like any 400. */
    @Bean
    org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler(ErrorResponses errors) {
        return (req, res, e) -> errors.write(req, res, 400,
                "the request path is not allowed (traversal, encoded separators or control characters)");
    }

    @Bean
    JwtDecoder jwtDecoder(GeoEtlProperties properties) {
        return TokenDecoders.of(properties.security().oidc());
    }

    /** Audits outside the security filters, so refused requests are recorded too. */
    @Bean
    FilterRegistrationBean<AuditFilter> auditFilter(AuditRepository audit, Clock clock,
            org.springframework.beans.factory.ObjectProvider<org.springframework.web.servlet.HandlerMapping> mappings) {
        FilterRegistrationBean<AuditFilter> f = new FilterRegistrationBean<>(new AuditFilter(audit, clock, mappings));
        f.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return f;
    }

    /**
     * Reads and limits bodies after the security filters: a caller without credentials is refused
     * before the service buffers a byte of what it sends.
     */
    @Bean
    FilterRegistrationBean<RequestLimitsFilter> requestLimitsFilter(ErrorResponses errors, GeoEtlProperties properties) {
        FilterRegistrationBean<RequestLimitsFilter> f =
                new FilterRegistrationBean<>(new RequestLimitsFilter(errors, properties.security().limits()));
        f.setOrder(org.springframework.boot.autoconfigure.security.SecurityProperties.DEFAULT_FILTER_ORDER + 10);
        return f;
    }

    /**
     * The pool Camel's platform-http runs API routes on. It carries the caller's security context
     * from the servlet thread, so beans in a route know who is calling.
     */
    @Bean
    DelegatingSecurityContextAsyncTaskExecutor platformHttpExecutor() {
        ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
        pool.setCorePoolSize(8);
        pool.setMaxPoolSize(32);
        pool.setQueueCapacity(1000);
        pool.setThreadNamePrefix("api-");
        // and the request's observation (its trace span), so a submit's messages join the request's trace
        pool.setTaskDecorator(new org.springframework.core.task.support.ContextPropagatingTaskDecorator());
        pool.initialize();
        return new DelegatingSecurityContextAsyncTaskExecutor(pool);
    }
}
