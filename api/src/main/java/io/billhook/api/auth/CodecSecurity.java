package io.billhook.api.auth;

import io.billhook.api.codec.CodecOrigins;
import io.billhook.core.codec.CodecAccess;
import io.billhook.core.keys.ApiKeys;
import jakarta.servlet.DispatcherType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.filter.CorsFilter;

/**
 * Access to the codec endpoint ({@code /codec/decode}, {@code /codec/encode}), which turns history
 * ciphertext into clear text and so needs the admin token like the rest of the API. A browser may
 * call it only from the Temporal UI's origin (any other origin: 403, before the token is looked
 * at). The one exception: in the embedded default a caller on this machine needs no token, since
 * the dev server's UI cannot send one and everything there (Temporal, its UI, the keys' files) is
 * on this machine already.
 */
@Configuration(proxyBeanMethods = false)
class CodecSecurity {
  @Bean
  @Order(1)
  SecurityFilterChain codecEndpointAccess(
      HttpSecurity http, ApiToken token, ApiKeys keys, CodecAccess access) throws Exception {
    ApiSecurity.bearerTokens(http.securityMatcher("/codec/**"), token, keys)
        .addFilterAt(new CodecOrigins(access), CorsFilter.class)
        .authorizeHttpRequests(
            requests ->
                requests
                    .dispatcherTypeMatchers(DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers(HttpMethod.POST, "/codec/decode", "/codec/encode")
                    .access(adminOrLoopback(access))
                    .anyRequest()
                    .hasAuthority(ApiCaller.ADMIN));
    return http.build();
  }

  private static AuthorizationManager<RequestAuthorizationContext> adminOrLoopback(
      CodecAccess access) {
    return (authentication, context) -> {
      Authentication who = authentication.get();
      boolean admin =
          who != null && who.isAuthenticated() && who.getPrincipal() instanceof ApiCaller.Admin;
      return new AuthorizationDecision(
          admin || (access.loopbackTrusted() && loopback(context.getRequest().getRemoteAddr())));
    };
  }

  /** The peer's address as the socket has it (never a forwarded header): a literal, no lookup. */
  private static boolean loopback(String address) {
    if (address == null || !address.matches("[0-9.]+|[0-9a-fA-F]*:[0-9a-fA-F:.]*")) {
      return false;
    }
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
