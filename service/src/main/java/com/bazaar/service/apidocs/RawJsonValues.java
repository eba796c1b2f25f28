package com.bazaar.service.apidocs;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.Iterator;

/**
 * A {@code @JsonRawValue} string (stored JSON passed through, such as an audit row's details) is a JSON object
 * on the wire, not a string. Loaded by swagger through META-INF/services.
 */
public class RawJsonValues implements ModelConverter {

    @Override
    public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Annotation[] annotations = type.getCtxAnnotations();
        if (annotations != null && Arrays.stream(annotations).anyMatch(JsonRawValue.class::isInstance)) {
            return new ObjectSchema();
        }
        return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
    }
}
