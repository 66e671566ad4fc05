package dev.moonshot.spring.client;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Turns DEBUG logging on for Spring, Reactor Netty and the starter during each test, and keeps every event logged
 * (rendered with its MDC and stack trace) for the test to inspect.
 */
final class DebugLogs implements BeforeEachCallback, AfterEachCallback {

	private static final String[] DEBUG_LOGGERS = { "org.springframework", "reactor.netty", "dev.moonshot" };

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Map<String, Level> previousLevels = new HashMap<>();

	@Override
	public void beforeEach(ExtensionContext extension) {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		for (String name : DEBUG_LOGGERS) {
			Logger logger = context.getLogger(name);
			this.previousLevels.put(name, logger.getLevel());
			logger.setLevel(Level.DEBUG);
		}
		this.appender.list.clear();
		this.appender.setContext(context);
		this.appender.start();
		context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(this.appender);
	}

	@Override
	public void afterEach(ExtensionContext extension) {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(this.appender);
		this.previousLevels.forEach((name, level) -> context.getLogger(name).setLevel(level));
		this.previousLevels.clear();
	}

	/**
	 * Every event logged so far, rendered as a log file would show it.
	 */
	List<String> rendered() {
		return List.copyOf(this.appender.list).stream().map(DebugLogs::render).toList();
	}

	private static String render(ILoggingEvent event) {
		StringWriter out = new StringWriter();
		PrintWriter writer = new PrintWriter(out);
		writer.println(event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage());
		writer.println(event.getMDCPropertyMap());
		IThrowableProxy throwable = event.getThrowableProxy();
		if (throwable != null) {
			writer.println(ThrowableProxyUtil.asString(throwable));
		}
		writer.flush();
		return out.toString();
	}

}
