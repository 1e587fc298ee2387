namespace Cascade.Web.Demo;

public static class DemoExtensions
{
    public static WebApplicationBuilder AddCascadeDemo(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DemoSeeder>();
        builder.Services.AddHostedService<ActivitySimulator>();
        return builder;
    }
}
