package dev.cadenza.fetch;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of fetching files users name by URL ({@code app.fetch.*}); which addresses may be reached
 * is {@code app.outbound.allowed-networks}.
 *
 * @param maxImageBytes largest picture (PNG, JPEG)
 * @param maxVideoBytes largest video source (MP4)
 * @param maxAudioBytes largest audio source (WAV)
 * @param timeout longest a whole download may take, redirects included
 * @param connectTimeout longest wait for a connection
 * @param maxRedirects redirects followed (each target checked again)
 */
@Validated
@ConfigurationProperties(prefix = "app.fetch")
public record FetchProperties(
    @NotNull @DefaultValue("10MB") DataSize maxImageBytes,
    @NotNull @DefaultValue("32MB") DataSize maxVideoBytes,
    @NotNull @DefaultValue("32MB") DataSize maxAudioBytes,
    @NotNull @DefaultValue("30s") Duration timeout,
    @NotNull @DefaultValue("5s") Duration connectTimeout,
    @Min(0) @Max(10) @DefaultValue("3") int maxRedirects) {}
