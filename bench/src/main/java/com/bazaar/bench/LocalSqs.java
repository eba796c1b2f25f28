package com.bazaar.bench;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The tools' client of the queue `./bazaar up` runs: its endpoint, the embedded queue's credentials. */
final class LocalSqs {
    private LocalSqs() {
    }

    static SqsClient client(String endpoint, String region) {
        return SqsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bazaar-local", "bazaar-local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }
}
