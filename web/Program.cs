using Cascade.Hosting;
using Cascade.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCascade();

var app = builder.Build();
app.MapCascade();
return app.RunCascade();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
