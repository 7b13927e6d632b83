package io.billhook.core.endpoints;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import okhttp3.Dns;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * Applies a {@link UrlPolicy} at connect time, so a host that resolved to a public address when its
 * endpoint was created cannot be rebound to an internal one later. As {@link Dns} it drops blocked
 * addresses from every lookup. OkHttp skips {@code Dns} for IP-literal hosts, so as an application
 * {@link Interceptor} it also judges literal hosts before each call. Use {@link #install} to set up
 * a client; nothing else is needed per attempt.
 */
public final class GuardedDns implements Dns, Interceptor {

  private final UrlPolicy policy;

  public GuardedDns(UrlPolicy policy) {
    this.policy = policy;
  }

  /**
   * Makes the builder's clients guarded: this DNS and interceptor, no redirects (a redirect to an
   * IP literal would bypass both) and no proxy (through a proxy only the proxy's host is looked up,
   * never the target).
   */
  public OkHttpClient.Builder install(OkHttpClient.Builder builder) {
    return builder
        .dns(this)
        .addInterceptor(this)
        .followRedirects(false)
        .followSslRedirects(false)
        .proxy(Proxy.NO_PROXY);
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    Optional<InetAddress> literal = literal(hostname);
    List<InetAddress> addresses =
        literal.isPresent() ? List.of(literal.get()) : policy.resolver().resolve(hostname);
    if (addresses.isEmpty()) {
      throw new UnknownHostException(hostname + " resolves to no addresses");
    }
    List<InetAddress> allowed = addresses.stream().filter(policy::isAllowed).toList();
    if (allowed.isEmpty()) {
      throw new UnknownHostException(
          hostname + " resolves only to blocked addresses: " + describe(addresses));
    }
    return allowed;
  }

  /**
   * Refuses {@code host} if it is a blocked or non-standard IP literal; host names pass, as their
   * addresses are judged by {@link #lookup}.
   */
  public void checkIpLiteral(String host) throws UnknownHostException {
    Optional<String> blocked = literal(host).flatMap(policy::blockedReason);
    if (blocked.isPresent()) {
      throw new UnknownHostException(host + " is a blocked address (" + blocked.get() + ")");
    }
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    checkIpLiteral(chain.request().url().host());
    return chain.proceed(chain.request());
  }

  private static Optional<InetAddress> literal(String host) throws UnknownHostException {
    try {
      return HostLiterals.parse(host);
    } catch (RefusedUrlException e) {
      throw new UnknownHostException(e.getMessage());
    }
  }

  private String describe(List<InetAddress> addresses) {
    return addresses.stream()
        .map(a -> a.getHostAddress() + policy.blockedReason(a).map(r -> " (" + r + ")").orElse(""))
        .collect(Collectors.joining(", "));
  }
}
