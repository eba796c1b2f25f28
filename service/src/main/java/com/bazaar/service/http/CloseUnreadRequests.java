package com.bazaar.service.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * An error answered before the request's body was read to its end (a 401 or 403 of authentication, a 413 over the
 * size limit, a 429, a 400 for a query parameter) says {@code Connection: close}. Jetty closes such a connection
 * after the answer anyway, since it cannot tell where the next request would start; without the header, a client
 * that kept the connection for its next request saw that request fail on a dead connection (java.net.http's "header
 * parser received no bytes"; 2 of 749 refused POSTs when 16 clients sent 1,600 at once). The one owner of that
 * header, in front of every filter and servlet of the application port.
 */
public class CloseUnreadRequests extends Handler.Wrapper {
    private static final HttpField CLOSE = new HttpField(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!hasBody(request)) {
            return super.handle(request, response, callback);
        }
        var tracked = new TrackedRequest(request);
        return super.handle(tracked, new ClosingResponse(tracked, response), callback);
    }

    private static boolean hasBody(Request request) {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    /** Knows whether its content was read to the end. */
    private static final class TrackedRequest extends Request.Wrapper {
        private volatile boolean readToEnd;

        TrackedRequest(Request wrapped) {
            super(wrapped);
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = super.read();
            if (chunk != null && chunk.isLast() && !Content.Chunk.isFailure(chunk)) {
                readToEnd = true;
            }
            return chunk;
        }
    }

    private static final class ClosingResponse extends Response.Wrapper {
        private final TrackedRequest request;

        ClosingResponse(TrackedRequest request, Response wrapped) {
            super(request, wrapped);
            this.request = request;
        }

        @Override
        public void write(boolean last, ByteBuffer content, Callback callback) {
            if (!isCommitted() && getStatus() >= 400 && !request.readToEnd) {
                getHeaders().put(CLOSE);
            }
            super.write(last, content, callback);
        }
    }
}
