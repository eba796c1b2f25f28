package com.bazaar.service.apidocs;

import com.fasterxml.jackson.databind.JavaType;
import io.dropwizard.jersey.params.AbstractParam;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Iterator;

/**
 * Documents Dropwizard's parameter wrappers ({@code LongParam}, {@code UUIDParam}, ...) as the value they parse,
 * so a path id is an integer in the document, not an object. Loaded by swagger through META-INF/services.
 */
public class ParamTypes implements ModelConverter {

    @Override
    public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        JavaType javaType = Json.mapper().constructType(type.getType());
        if (AbstractParam.class.isAssignableFrom(javaType.getRawClass())) {
            JavaType value = javaType.findTypeParameters(AbstractParam.class)[0];
            return context.resolve(new AnnotatedType(value).ctxAnnotations(type.getCtxAnnotations()));
        }
        return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
    }
}
