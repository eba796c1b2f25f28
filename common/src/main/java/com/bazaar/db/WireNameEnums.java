package com.bazaar.db;

import com.bazaar.movement.MovementSource;
import com.bazaar.movement.MovementStatus;
import com.bazaar.movement.MovementType;
import com.bazaar.feed.ChangeType;
import com.bazaar.reservation.ReservationStatus;
import java.sql.Types;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import java.lang.reflect.Type;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.generic.GenericTypes;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.spi.JdbiPlugin;

/**
 * Binds the movement enums by the names the ledger and the API use ({@code in}, {@code applied}, {@code api}:
 * their {@code toString()}) and maps such columns back, so that code passes enums and SQL sees text.
 */
public final class WireNameEnums extends JdbiPlugin.Singleton {
    private static final List<Class<? extends Enum<?>>> ENUMS = List.of(MovementType.class, MovementStatus.class,
            ReservationStatus.class, ChangeType.class,
            MovementSource.class);

    @Override
    public void customizeJdbi(Jdbi jdbi) {
        jdbi.registerArgument(new ArgumentFactory.Preparable() {
            @Override
            public Optional<Function<Object, Argument>> prepare(Type type, ConfigRegistry config) {
                return ENUMS.contains(GenericTypes.getErasedType(type))
                        ? Optional.of(WireNameEnums::argument) : Optional.empty();
            }
        });
        ENUMS.forEach(type -> registerColumnMapper(jdbi, type));
    }

    private static Argument argument(Object value) {
        return (position, statement, context) -> {
            if (value == null) {
                statement.setNull(position, Types.VARCHAR);
            } else {
                statement.setString(position, value.toString());
            }
        };
    }

    private static <E extends Enum<?>> void registerColumnMapper(Jdbi jdbi, Class<E> type) {
        jdbi.registerColumnMapper(type, (rs, column, context) -> {
            String name = rs.getString(column);
            return name == null ? null : parse(type, name);
        });
    }

    /** The constant of {@code type} whose wire name is {@code name}. */
    public static <E extends Enum<?>> E parse(Class<E> type, String name) {
        for (E constant : type.getEnumConstants()) {
            if (constant.toString().equals(name)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("no " + type.getSimpleName() + " is called '" + name + "'");
    }
}
