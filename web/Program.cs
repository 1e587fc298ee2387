using Cascade.Hosting;
using Cascade.Web.Hosting;

// `dotnet run --project web -- migrate`: brings a PostgreSQL schema up to date and exits.
if (MigrateCommand.Requested(args)) return await MigrateCommand.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddCascade();

var app = builder.Build();
app.MapCascade();
return app.RunCascade();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
