package com.bazaar.movement;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.UUID;

/**
 * Checks {@link MovementRules#quantityProblem}, {@link MovementRules#transferProblem} and
 * {@link MovementRules#reservationProblem} on a movement body, reporting the problem on the field it names,
 * so that the HTTP API and the queue word it alike. Missing fields are left to {@code @NotNull}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidQuantities.Validator.class)
public @interface ValidQuantities {
    String message() default "invalid quantities";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** What a movement body exposes for the check. */
    interface Quantities {
        MovementType type();

        Integer quantity();

        Integer expectedQuantity();

        /** The store the stock leaves, when the body names it. */
        default Long storeId() {
            return null;
        }

        default Long toStoreId() {
            return null;
        }

        /** The hold an {@code out} consumes. */
        default UUID reservationId() {
            return null;
        }

        /** Whether this body may carry a transfer (a queue message may, an HTTP movement may not). */
        default boolean transfersAllowed() {
            return false;
        }
    }

    class Validator implements ConstraintValidator<ValidQuantities, Quantities> {
        @Override
        public boolean isValid(Quantities body, ConstraintValidatorContext context) {
            if (body == null || body.type() == null || body.quantity() == null) {
                return true;
            }
            return MovementRules.quantityProblem(body.type(), body.quantity(), body.expectedQuantity())
                    .or(() -> MovementRules.transferProblem(body.type(), body.storeId(), body.toStoreId(), body.transfersAllowed()))
                    .or(() -> MovementRules.reservationProblem(body.type(), body.reservationId()))
                    .map(problem -> {
                        context.disableDefaultConstraintViolation();
                        context.buildConstraintViolationWithTemplate(problem.message()).addPropertyNode(problem.field())
                                .addConstraintViolation();
                        return false;
                    }).orElse(true);
        }
    }
}
