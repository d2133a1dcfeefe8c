package org.geoetl.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * The operations UI (built from ui/ into the jar's static/ui): served at /ui/ and at the seed's
 * dashboard path /api/interface/metrics. The page holds no data, so it loads without credentials;
 * every API call it makes carries the key the user gives it. A path that names no file is the
 * page itself (client-side routes), so a reload of a deep link works; /ui/builder is the pipeline
 * builder's page.
 */
@Configuration
public class UiResources implements WebMvcConfigurer {

    static final String INDEX = "static/ui/index.html";
    static final String BUILDER = "static/ui/builder.html";

    /** Scripts and styles from the service only; no inline script; nothing framed, posted or based elsewhere. */
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/ui/**").addResourceLocations("classpath:/static/ui/")
                .resourceChain(true).addResolver(new PathResourceResolver() {
                    @Override
                    protected Resource getResource(String path, Resource location) throws IOException {
                        Resource found = super.getResource(path, location);
                        if (found != null || path.substring(path.lastIndexOf('/') + 1).contains(".")) {
                            return found; // a missing asset stays a 404
                        }
                        return new ClassPathResource(path.equals("builder") || path.startsWith("builder/") ? BUILDER : INDEX);
                    }
                });
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        // the resource handler serves no empty path, so /ui and /ui/ forward to the page
        registry.addViewController("/ui").setViewName("forward:/ui/index.html");
        registry.addViewController("/ui/").setViewName("forward:/ui/index.html");
        registry.addViewController("/api/interface/metrics").setViewName("forward:/ui/index.html");
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> uiContentSecurityPolicy() {
        FilterRegistrationBean<OncePerRequestFilter> f = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
                    throws ServletException, IOException {
                res.setHeader("Content-Security-Policy", POLICY);
                chain.doFilter(req, res);
            }
        });
        f.addUrlPatterns("/ui/*", "/ui", "/api/interface/metrics");
        return f;
    }
}
