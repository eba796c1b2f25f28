package com.bazaar.elasticmq;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.DBMessage;
import org.elasticmq.persistence.sql.DBMessage$;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * Writes message events to the tables of ElasticMQ 1.6.14's SQL store (the names, columns and encoding of its
 * {@code MessageRepository} and {@code DBMessage}, so that its restore reads them back), many events per
 * transaction. The tables are created by ElasticMQ's store when their queue is; a write to a queue whose table is
 * missing fails. Used from one thread.
 */
public final class MessageTables implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MessageTables.class);

    private final String jdbcUrl;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final FileCompaction compaction = new FileCompaction();
    private Connection connection;

    MessageTables(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** ElasticMQ's {@code MessageRepository} names a queue's table this way. */
    public static String table(String queueName) {
        return "message_" + queueName.replace(".", "_").replace("-", "_") + "_" + Integer.toHexString(queueName.hashCode());
    }

    /**
     * Commits the events in one transaction; if that fails, each on its own, so that one bad event fails alone.
     * After a group, the file may be compacted ({@link FileCompaction}).
     *
     * @return for each event, whether it is committed
     */
    List<Boolean> write(List<QueueEvent> events) {
        try {
            for (QueueEvent event : events) {
                apply(event);
            }
            connection().commit();
        } catch (SQLException e) {
            LOG.warn("A group of {} message events could not be committed ({}); writing them one by one", events.size(), e.toString());
            reset();
            return events.stream().map(this::writeAlone).toList();
        }
        compaction.afterCommit(connection);
        return events.stream().map(e -> true).toList();
    }

    private boolean writeAlone(QueueEvent event) {
        try {
            apply(event);
            connection().commit();
            return true;
        } catch (SQLException e) {
            LOG.error("Could not store {}; it is not acknowledged", event.getClass().getSimpleName(), e);
            reset();
            return false;
        }
    }

    private void apply(QueueEvent event) throws SQLException {
        if (event instanceof QueueEvent.MessageAdded added) {
            DBMessage m = DBMessage$.MODULE$.from(added.message());
            PreparedStatement insert = statement(added.queueName(), "insert into %s (message_id, delivery_receipts, "
                    + "next_delivery, content, attributes, created, received, receive_count, group_id, deduplication_id, "
                    + "tracing_id, sequence_number, dead_letter_source_queue_name) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            insert.setString(1, m.messageId());
            insert.setBytes(2, m.deliveryReceipts());
            insert.setLong(3, m.nextDelivery());
            insert.setBytes(4, m.content());
            insert.setBytes(5, m.attributes());
            insert.setLong(6, m.created());
            setOptional(insert, 7, m.received(), Types.BIGINT);
            insert.setInt(8, m.receiveCount());
            setOptional(insert, 9, m.groupId(), Types.VARCHAR);
            setOptional(insert, 10, m.deduplicationId(), Types.VARCHAR);
            setOptional(insert, 11, m.tracingId(), Types.VARCHAR);
            setOptional(insert, 12, m.sequenceNumber(), Types.VARCHAR);
            setOptional(insert, 13, m.deadLetterSourceQueueName(), Types.VARCHAR);
            insert.executeUpdate();
        } else if (event instanceof QueueEvent.MessageRemoved removed) {
            PreparedStatement delete = statement(removed.queueName(), "delete from %s where message_id = ?");
            delete.setString(1, removed.messageId());
            delete.executeUpdate();
        } else {
            throw new IllegalArgumentException("not a message event: " + event);
        }
    }

    private static void setOptional(PreparedStatement statement, int index, Option<?> value, int sqlType) throws SQLException {
        if (value.isDefined()) {
            statement.setObject(index, value.get(), sqlType);
        } else {
            statement.setNull(index, sqlType);
        }
    }

    private PreparedStatement statement(String queueName, String template) throws SQLException {
        String sql = template.formatted(table(queueName));
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection().prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = DriverManager.getConnection(jdbcUrl);
            connection.setAutoCommit(false);
        }
        return connection;
    }

    /** Drops the connection (and what it had not committed); the next write opens a new one. */
    private void reset() {
        statements.clear();
        if (connection != null) {
            try {
                connection.rollback();
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing a failed store connection", e);
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        reset();
    }
}
