package com.bazaar.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DatabasesTest {
    static RuntimeException failedStatement(String sqlState) {
        return new UnableToExecuteStatementException(new SQLException("failed", sqlState), null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"08006", "08001", "57P01", "57P03", "53100", "53200", "53300", "58030"})
    void aDatabaseThatCannotWorkNowIsUnavailable(String sqlState) {
        assertThat(Databases.isUnavailable(failedStatement(sqlState))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"23505", "23514", "40001", "40P01", "42P01", "22003", "P0001", "54000", "57014"})
    void aStatementThatFailedOnAWorkingDatabaseIsNot(String sqlState) {
        assertThat(Databases.isUnavailable(failedStatement(sqlState))).isFalse();
    }

    @Test
    void noConnectionFromThePoolIsUnavailable() {
        assertThat(Databases.isUnavailable(new ConnectionException(new SQLTransientConnectionException("timeout")))).isTrue();
        assertThat(Databases.isUnavailable(new IllegalStateException("other"))).isFalse();
        assertThat(Databases.isUnavailable(new UnableToExecuteStatementException(new SQLException("no state"), null)))
                .isFalse();
    }
}
