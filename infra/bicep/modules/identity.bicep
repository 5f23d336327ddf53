metadata description = 'User-assigned managed identity that the Function App uses for storage, Key Vault and Application Insights.'

@description('Required. Name of the identity.')
param name string

@description('Required. Azure region.')
param location string

@description('Optional. Tags applied to the identity.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('Required. Resource ID of the identity.')
output resourceId string = identity.id

@description('Required. Client ID of the identity, for the app settings.')
output clientId string = identity.properties.clientId

@description('Required. Principal (object) ID of the identity, for role assignments.')
output principalId string = identity.properties.principalId
