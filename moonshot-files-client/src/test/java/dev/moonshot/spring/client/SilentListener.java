package dev.moonshot.spring.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A listening socket on 127.0.0.1 that never accepts, with its accept queue filled: further connection attempts get
 * no answer (Linux drops their SYNs), so only a connect timeout can end them.
 */
public final class SilentListener implements AutoCloseable {

	private final ServerSocket socket;

	private final List<Socket> queued = new ArrayList<>();

	/**
	 * Open the listener and fill its queue.
	 * @throws IOException if no socket can be opened
	 */
	public SilentListener() throws IOException {
		this.socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
		for (int i = 0; i < 4; i++) {
			Socket queuedSocket = new Socket();
			try {
				queuedSocket.connect(this.socket.getLocalSocketAddress(), 200);
				this.queued.add(queuedSocket);
			}
			catch (IOException full) {
				queuedSocket.close();
			}
		}
	}

	/**
	 * The base URL of the listener.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.socket.getLocalPort();
	}

	@Override
	public void close() throws IOException {
		for (Socket queuedSocket : this.queued) {
			queuedSocket.close();
		}
		this.socket.close();
	}

}
