package com.bazaar.service.movement;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The {@code Idempotency-Key} header of every endpoint that takes one: 1..255 characters of printable ASCII, no white
 * space at either end. The pattern is Java's {@code \p{Graph}}, written so that the OpenAPI document's JavaScript
 * readers (Swagger UI checks patterns) read it the same way. Each part reports its own violation, so a 400 names the
 * rule the key broke, and swagger documents the parts as if they were written on the parameter.
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = {})
@Size(min = 1, max = 255)
@Pattern(regexp = "[\\x21-\\x7E](.*[\\x21-\\x7E])?", message = "must be printable and not start or end with white space")
public @interface IdempotencyKey {
    String message() default "is not a valid Idempotency-Key";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
