package com.bazaar.elasticmq;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks this module's copy of a class that ElasticMQ also has under the same name: the copy that must win on the
 * class path. {@link ReplacementGuard} looks for it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ReplacesUpstream {
}
