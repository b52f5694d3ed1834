package com.controlpanel.provisioning.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Live streams opened over plain sockets, as a script that holds them open without reading would. */
public final class RawStreams {

    private RawStreams() {}

    /** A {@code GET} of this stream path as this admin (HTTP Basic), its answer not read yet. */
    public static Socket open(int port, String path, String email, String password) throws IOException {
        Socket socket = new Socket("localhost", port);
        socket.setSoTimeout(10_000);
        socket.getOutputStream()
                .write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                                + "Authorization: Basic "
                                + Base64.getEncoder()
                                        .encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8))
                                + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        return socket;
    }

    /** The status line of the answer on this socket (read byte by byte: nothing after it is consumed). */
    public static String statusLine(Socket socket) throws IOException {
        StringBuilder line = new StringBuilder();
        InputStream in = socket.getInputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            line.append((char) b);
        }
        return line.toString().trim();
    }
}
