package org.geoetl.engine.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.geoetl.engine.handler.TaskHandlerRegistry;
import org.geoetl.engine.params.ParameterValidator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Loads every {@code classpath*:jobs/*.yaml} job definition and checks it completely at start-up
 * with the {@link DefinitionValidator} the pipeline API uses too: a definition naming an unknown
 * task type, an unknown stage or parameter, or a later stage, stops the service (with every error
 * and its path) instead of failing a job at run time.
 */
@Configuration
public class JobDefinitionLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Bean
    public DefinitionValidator definitionValidator(TaskHandlerRegistry handlers, ParameterValidator validator) {
        return new DefinitionValidator(handlers, validator);
    }

    @Bean
    public JobDefinitionRegistry jobDefinitionRegistry(DefinitionValidator validator,
                                                       ObjectProvider<PublishedDefinitions> published) throws IOException {
        Map<String, JobDefinition> byType = new HashMap<>();
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:jobs/*.yaml");
        for (Resource file : files) {
            JobDefinition definition;
            try (InputStream in = file.getInputStream()) {
                definition = load(in, validator);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("job definition " + file.getFilename() + ": " + e.getMessage(), e);
            }
            if (byType.putIfAbsent(definition.jobType(), definition) != null) {
                throw new IllegalStateException("job type " + definition.jobType() + " is defined twice");
            }
        }
        return new JobDefinitionRegistry(byType, new PublishedDefinitions.Lazy(published));
    }

    /**
     * Reads one built-in definition exactly as start-up does; throws an {@link InvalidDefinitionException}
     * with every error (the same the pipeline API's validate reports for the same YAML).
     */
    public static JobDefinition load(InputStream yaml, DefinitionValidator validator) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidDefinitionException(java.util.List.of(new DefinitionError("$",
                    "not valid YAML: " + e.getOriginalMessage())));
        }
        return validator.parse(root);
    }

    public static JobDefinition parse(JsonNode root, TaskHandlerRegistry handlers, ParameterValidator validator) {
        return new DefinitionValidator(handlers, validator).parse(root);
    }
}
