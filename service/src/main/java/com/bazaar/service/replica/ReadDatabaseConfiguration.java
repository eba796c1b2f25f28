package com.bazaar.service.replica;

import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code readDatabase} block: a read replica of {@code database}. Without a host there is none and every
 * read goes to the primary. Name, user and password default to the primary's; so do the pool's settings.
 */
public class ReadDatabaseConfiguration {
    private static final Pattern POSTGRES_URL = Pattern.compile("(jdbc:postgresql://)[^/]*/([^?]*)(.*)");

    private String host;

    @Min(1)
    @Max(65535)
    private int port = 5432;

    private String name;
    private String user;
    private String password;

    /** A replica further behind than this is bypassed. */
    @NotNull
    private Duration maxLag = Duration.seconds(5);

    /** How often the replica is asked whether it is in recovery and how far behind it is. */
    @NotNull
    private Duration probeInterval = Duration.seconds(1);

    public boolean isConfigured() {
        return given(host);
    }

    /** The primary's data source settings with the replica's address, and its own name and credentials where given. */
    public DataSourceFactory dataSource(DataSourceFactory primary) {
        Matcher url = POSTGRES_URL.matcher(primary.getUrl());
        if (!url.matches()) {
            throw new IllegalArgumentException("readDatabase needs database.url to be jdbc:postgresql://host:port/name, not "
                    + primary.getUrl());
        }
        DataSourceFactory replica = Jackson.newObjectMapper().convertValue(primary, DataSourceFactory.class);
        replica.setUrl(url.group(1) + host + ":" + port + "/" + (given(name) ? name : url.group(2)) + url.group(3));
        if (given(user)) {
            replica.setUser(user);
        }
        if (given(password)) {
            replica.setPassword(password);
        }
        return replica;
    }

    private static boolean given(String value) {
        return value != null && !value.isBlank();
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public Duration getMaxLag() {
        return maxLag;
    }

    public void setMaxLag(Duration maxLag) {
        this.maxLag = maxLag;
    }

    public Duration getProbeInterval() {
        return probeInterval;
    }

    public void setProbeInterval(Duration probeInterval) {
        this.probeInterval = probeInterval;
    }
}
